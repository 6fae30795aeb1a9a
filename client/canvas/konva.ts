// Only the Konva classes we draw with are registered, so the bundle carries no unused shapes.
import 'konva/lib/shapes/Rect';
import 'konva/lib/shapes/Text';
import 'konva/lib/shapes/Line';
export { Stage, Layer, Group, Rect, Text, Line, Shape } from 'react-konva/lib/ReactKonvaCore';
