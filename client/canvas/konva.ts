// Only the Konva classes we draw with are registered, so the bundle carries no unused shapes.
import 'konva/lib/shapes/Rect';
import 'konva/lib/shapes/Text';
import 'konva/lib/shapes/Line';
import 'konva/lib/shapes/Arrow';
export { Stage, Layer, Group, Rect, Text, Line, Shape, Arrow } from 'react-konva/lib/ReactKonvaCore';
